// What only one engine has, each test named after its engine: the SQLite
// file (a kiosk's file or a missing folder is refused) and the PostgreSQL
// database (another program's database, a newer schema, the password file,
// processes migrating together, a lost connection). The rest of the server
// suite runs on both engines.
#include <doctest/doctest.h>

#include <functional>
#include <thread>

#include "core/store.hpp"
#include "server/storage/schema.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::TempDir;

namespace {

StorageError error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const StorageError& error) {
    return error;
  }
  FAIL("no StorageError");
  return StorageError(StorageErrc::failed, "");
}

bool says(const StorageError& error, const std::string& words) {
  return std::string(error.what()).find(words) != std::string::npos;
}

}  // namespace

TEST_CASE("sqlite: a kiosk database or a foreign file is refused, and left untouched") {
  TempDir dir;
  { core::Store::open(dir / "kiosk.db"); }
  auto kiosk = error_of([&] { SqliteStorage storage(dir / "kiosk.db"); });
  CHECK(kiosk.code() == StorageErrc::failed);
  CHECK(says(kiosk, "not a Kotak server database"));
  CHECK(core::Store::open(dir / "kiosk.db").counts().pending == 0);
  CHECK(error_of([&] { SqliteStorage storage(dir / "missing" / "server.db"); }).code() ==
        StorageErrc::failed);
}

TEST_CASE("postgresql: another program's database is refused, and left untouched") {
  TempDir dir;
  test::TestDatabase database(dir.path());
  REQUIRE(database.engine() == test::Engine::postgresql);
  database.exec("CREATE TABLE patients (name TEXT); INSERT INTO patients VALUES ('Ibu Sari')");
  auto refused = error_of([&] { database.open(); });
  CHECK(refused.code() == StorageErrc::failed);
  CHECK(says(refused, "holds tables of another program"));
  CHECK(database.text("SELECT name FROM patients") == "Ibu Sari");
  CHECK_FALSE(database.has_table("kotak_schema"));
}

TEST_CASE("postgresql: a database of a newer kotak-server is refused") {
  TempDir dir;
  test::TestDatabase database(dir.path());
  REQUIRE(database.engine() == test::Engine::postgresql);
  database.make_at_version(latest_schema_version());
  database.exec("UPDATE kotak_schema SET version = version + 1");
  auto refused = error_of([&] { database.open(); });
  CHECK(refused.code() == StorageErrc::failed);
  CHECK(says(refused, "newer kotak-server"));
  CHECK(database.schema_version() == latest_schema_version() + 1);
}

TEST_CASE("postgresql: the password comes from its file, and a wrong one says where to look") {
  TempDir dir;
  test::TestDatabase database(dir.path());
  REQUIRE(database.engine() == test::Engine::postgresql);
  core::ServerConfig config;
  database.configure(config);
  test::write_file(dir / "wrong", "not-the-password\n");
  config.postgres.password_file = dir / "wrong";
  auto refused = error_of([&] { open_storage(config); });
  CHECK(refused.code() == StorageErrc::failed);
  CHECK(says(refused, "password"));
  config.postgres.password_file = dir / "missing";
  CHECK(says(error_of([&] { open_storage(config); }), "cannot read the database password"));
}

TEST_CASE("postgresql: processes that start together migrate once") {
  TempDir dir;
  test::TestDatabase database(dir.path());
  REQUIRE(database.engine() == test::Engine::postgresql);
  std::vector<std::thread> starts;
  std::atomic<int> opened{0};
  for (int i = 0; i < 4; ++i)
    starts.emplace_back([&] {
      try {
        auto storage = database.open();
        storage->check();
        ++opened;
      } catch (const std::exception& failure) {
        MESSAGE(failure.what());
      }
    });
  for (auto& start : starts) start.join();
  CHECK(opened == 4);
  CHECK(database.schema_version() == latest_schema_version());
  CHECK(database.count("SELECT count(*) FROM kotak_schema") == 1);
}

TEST_CASE("postgresql: a lost connection costs the call in flight, not the next one") {
  TempDir dir;
  test::TestDatabase database(dir.path());
  REQUIRE(database.engine() == test::Engine::postgresql);
  auto storage = database.open();
  storage->add_facility({"pkm-a", "Puskesmas A", 1});
  // The database server ends every session of the storage (a restart, a
  // failover, an administrator's pg_terminate_backend).
  database.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  try {
    storage->facilities();
  } catch (const StorageError& error) {
    CHECK(error.code() == StorageErrc::unavailable);
  }
  CHECK(storage->facilities().size() == 1);
}

TEST_CASE("sqlite: erased contact details leave no bytes in the database file nor its WAL") {
  TempDir dir;
  auto file = dir / "server.db";
  SqliteStorage storage(file);
  storage.add_facility({"pkm-a", "Puskesmas A", 1});
  const auto now = core::now().unix_ms;
  NewCase n;
  n.facility_id = "pkm-a";
  n.received = {now - 60'000, 420};
  n.identity_mode = core::IdentityMode::named;
  n.identity = {"Rina Marlina", "0812-5555-1234", "Jl. Kenanga 7"};
  n.content = "Antre lama";
  auto id = storage.add_case(n, 72, {0, "Sari"}, now).id;
  // Others on the same pages, which stay: a freed cell among live ones.
  for (const char* other : {"Budi Santoso", "Ani Wijaya"}) {
    n.identity = {other, "0813-1111-2222", "Jl. Mawar 1"};
    storage.add_case(n, 72, {0, "Sari"}, now);
  }
  REQUIRE(storage.erase_identities({"pkm-a", {id}, "request", "permintaan"}, {0, "Kartini"}, now) == 1);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    auto path = dir / ("server.db" + std::string(suffix));
    if (!std::filesystem::exists(path)) continue;
    auto bytes = test::read_file(path);
    CHECK_MESSAGE(bytes.find("Rina Marlina") == std::string::npos, path);
    CHECK_MESSAGE(bytes.find("0812-5555-1234") == std::string::npos, path);
    CHECK_MESSAGE(bytes.find("Kenanga") == std::string::npos, path);
  }
  CHECK(test::read_file(file).find("Budi Santoso") != std::string::npos);
}
