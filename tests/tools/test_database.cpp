// kotak-test-database: the server database of a browser test (tests/web),
// made by the same code as every other server test's
// (tests/support/test_database.hpp), so the engine is chosen in one place.
//
//   kotak-test-database create DIR   prints the storage part of a server.toml
//                                    for a new database (DIR/server.db on
//                                    SQLite), then a line "# database NAME"
//   kotak-test-database drop NAME    removes a PostgreSQL test database
#include <cstdio>
#include <exception>
#include <string>

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
    if (command == "drop" && argc == 3) {
      TestDatabase::drop(argv[2]);
      return 0;
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kotak-test-database: %s\n", error.what());
    return 1;
  }
  std::fprintf(stderr, "usage: kotak-test-database create DIR | drop NAME\n");
  return 2;
}
