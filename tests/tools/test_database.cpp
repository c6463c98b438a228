// kotak-test-database: the server database of a browser test (tests/web),
// made by the same code as every other server test's
// (tests/support/test_database.hpp), so the engine is chosen in one place.
//
//   kotak-test-database create DIR   prints the storage part of a server.toml
//                                    for a new database (DIR/server.db on
//                                    SQLite), then a line "# database NAME"
//   kotak-test-database drop NAME    removes a PostgreSQL test database
//   kotak-test-database sqlite-skm-counts
//                                    prints the SQL with which SQLite ingest counts
//                                    SKM answers (schema 26), over every answer
//                                    (bench/skm_report_bench.sh)
#include <cstdio>
#include <exception>
#include <string>

#include "server/storage/schema_skm_counts.hpp"
#include "tests/support/test_database.hpp"

int main(int argc, char** argv) {
  using kotak::test::TestDatabase;
  std::string command = argc > 1 ? argv[1] : "";
  try {
    if (command == "create" && argc == 3) {
      TestDatabase database(argv[2]);
      database.keep();
      std::printf("%s# database %s\n", database.config_toml().c_str(), database.name().c_str());
      return 0;
    }
    if (command == "sqlite-skm-counts" && argc == 2) {
      for (const std::string& statement : kotak::server::sqlite_sql::skm_counts_added_since()) {
        std::string all;  // ?1 = 0: from the first stored answer on
        std::size_t from = 0;
        for (auto at = statement.find("?1"); at != std::string::npos; at = statement.find("?1", from)) {
          all.append(statement, from, at - from);
          all += '0';
          from = at + 2;
        }
        all.append(statement, from);
        std::printf("%s\n", all.c_str());
      }
      return 0;
    }
    if (command == "drop" && argc == 3) {
      TestDatabase::drop(argv[2]);
      return 0;
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kotak-test-database: %s\n", error.what());
    return 1;
  }
  std::fprintf(stderr, "usage: kotak-test-database create DIR | drop NAME | sqlite-skm-counts\n");
  return 2;
}
