// The connection's cache of compiled statements (core/sqlite_cache.hpp):
// reuse, a fresh statement for each live user, nothing left bound or
// running when a statement is given back, and a bound on what it keeps.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "core/sqlite.hpp"
#include "tests/support/temp_dir.hpp"

namespace sql = kotak::core::sql;

namespace {

// The statements the connection holds (compiled and not finalised).
int statements(sql::Database& db) {
  int n = 0;
  for (auto* s = sqlite3_next_stmt(db.handle(), nullptr); s; s = sqlite3_next_stmt(db.handle(), s))
    ++n;
  return n;
}

int busy_statements(sql::Database& db) {
  int n = 0;
  for (auto* s = sqlite3_next_stmt(db.handle(), nullptr); s; s = sqlite3_next_stmt(db.handle(), s))
    n += sqlite3_stmt_busy(s) ? 1 : 0;
  return n;
}

sql::Database table_of_three(const kotak::test::TempDir& dir) {
  auto db = sql::Database::open(dir / "cache.db", true);
  db.exec("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)");
  return db;
}

}  // namespace

TEST_CASE("the same SQL prepared again reuses the compiled statement") {
  kotak::test::TempDir dir;
  auto db = table_of_three(dir);
  const char* text = "SELECT count(*) FROM t WHERE n > ?1";
  for (int i = 0; i < 10; ++i) {
    auto st = db.prepare(text);
    st.bind(1, i);
    REQUIRE(st.step());
    CHECK_MESSAGE(st.integer(0) == (i < 3 ? 3 - i : 0), ("the reused statement counts afresh"));
  }
  CHECK_MESSAGE(statements(db) == 1, ("ten prepares of one text compile it once"));
}

TEST_CASE("a statement given back is reset and its bindings cleared") {
  kotak::test::TempDir dir;
  auto db = table_of_three(dir);
  {
    auto st = db.prepare("SELECT n, ?1 FROM t ORDER BY n");
    st.bind(1, "secret");
    REQUIRE(st.step());
    CHECK(st.integer(0) == 1);
    // Left in the middle of its rows, holding a read transaction.
    CHECK_MESSAGE(busy_statements(db) == 1, ("a statement stepped once is busy"));
  }
  CHECK_MESSAGE(busy_statements(db) == 0, ("given back, it holds no read transaction"));
  auto again = db.prepare("SELECT n, ?1 FROM t ORDER BY n");
  REQUIRE(again.step());
  CHECK_MESSAGE(again.integer(0) == 1, ("it starts from the first row again"));
  CHECK_MESSAGE(again.is_null(1), ("the value bound by its last user is gone"));
  CHECK(statements(db) == 1);
}

TEST_CASE("the same SQL in use twice at once is two statements") {
  kotak::test::TempDir dir;
  auto db = table_of_three(dir);
  const char* text = "SELECT n FROM t WHERE n >= ?1 ORDER BY n";
  std::vector<std::pair<std::int64_t, std::int64_t>> pairs;
  {
    auto outer = db.prepare(text);
    outer.bind(1, 2);
    while (outer.step()) {
      auto inner = db.prepare(text);
      inner.bind(1, 1);
      while (inner.step()) pairs.emplace_back(outer.integer(0), inner.integer(0));
    }
  }
  CHECK_MESSAGE(pairs.size() == 6, ("the inner statement did not disturb the outer one"));
  REQUIRE(pairs.size() == 6);
  CHECK(pairs.front() == std::pair<std::int64_t, std::int64_t>{2, 1});
  CHECK(pairs.back() == std::pair<std::int64_t, std::int64_t>{3, 3});
  CHECK_MESSAGE(statements(db) == 2, ("both are kept for the next nested use"));
  CHECK(busy_statements(db) == 0);
}

TEST_CASE("the cache keeps at most 64 statements however many texts it sees") {
  kotak::test::TempDir dir;
  auto db = table_of_three(dir);
  for (int i = 0; i < 500; ++i) {
    auto st = db.prepare("SELECT n + " + std::to_string(i) + " FROM t");
    REQUIRE(st.step());
    CHECK(st.integer(0) == 1 + i);
  }
  CHECK_MESSAGE(statements(db) == 64, ("the least recently used are finalised"));
  // The most recent text is still kept: preparing it compiles nothing.
  { auto st = db.prepare("SELECT n + 499 FROM t"); }
  CHECK(statements(db) == 64);
}

TEST_CASE("statements that act when compiled are not kept") {
  kotak::test::TempDir dir;
  auto db = table_of_three(dir);
  CHECK(db.query_integer("PRAGMA user_version") == 0);
  db.exec("PRAGMA user_version = 7");
  CHECK_MESSAGE(db.query_integer("PRAGMA user_version") == 7, ("a PRAGMA is compiled afresh"));
  { auto create = db.prepare("CREATE TABLE u (x)"); create.run(); }
  CHECK_MESSAGE(statements(db) == 0, ("neither a PRAGMA nor DDL stays compiled"));
}

TEST_CASE("a kept statement follows a change of the schema") {
  kotak::test::TempDir dir;
  auto db = table_of_three(dir);
  { auto st = db.prepare("SELECT * FROM t"); REQUIRE(st.step()); CHECK(st.columns() == 1); }
  db.exec("ALTER TABLE t ADD COLUMN m TEXT DEFAULT 'x'");
  auto st = db.prepare("SELECT * FROM t");
  REQUIRE(st.step());
  CHECK_MESSAGE(st.columns() == 2, ("SQLite compiled the kept statement again"));
  CHECK(st.text(1) == "x");
}

TEST_CASE("a statement may outlive its connection and a moved connection keeps its cache") {
  kotak::test::TempDir dir;
  auto db = table_of_three(dir);
  { auto st = db.prepare("SELECT n FROM t"); }
  sql::Database moved = std::move(db);
  CHECK_MESSAGE(statements(moved) == 1, ("the cache moved with the connection"));
  { auto st = moved.prepare("SELECT n FROM t"); }
  CHECK(statements(moved) == 1);
  auto survivor = moved.prepare("SELECT n FROM t ORDER BY n");
  REQUIRE(survivor.step());
  CHECK(survivor.integer(0) == 1);
  {
    sql::Database gone = std::move(moved);
  }
  // The closed connection waits (sqlite3_close_v2) for this statement, which
  // is finalised, not given back, when it goes: the sanitizer build checks
  // that nothing freed is touched.
}
