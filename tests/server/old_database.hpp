// A server database made by an older build, on the engine under test: the
// schema's first steps only, for the migration tests to fill with rows
// (SQL both engines understand) and open with this build.
#pragma once

#include <string>

#include "tests/support/test_database.hpp"

namespace kotak::test {

inline void make_old_server_database(const TestDatabase& database, int version, const std::string& rows) {
  database.make_at_version(version);
  database.exec(rows);
}

}  // namespace kotak::test
