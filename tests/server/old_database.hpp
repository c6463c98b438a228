// A server database file made by an older build: the schema's first steps
// only, for the migration tests to fill with rows and open with this build.
#pragma once

#include <filesystem>
#include <string>

#include "core/sqlite.hpp"
#include "server/storage/sqlite_storage.hpp"

namespace kotak::test {

// Creates path at schema version `version` and runs `rows` (SQL) in it.
inline void make_old_server_database(const std::filesystem::path& path, int version,
                                     const std::string& rows) {
  auto db = core::sql::Database::open(path, true);
  const auto& schema = server::server_schema();
  for (int i = 0; i < version; ++i) db.exec(schema.migrations[static_cast<std::size_t>(i)].sql);
  db.exec("PRAGMA application_id = " + std::to_string(schema.application_id));
  db.exec("PRAGMA user_version = " + std::to_string(version));
  db.exec(rows);
}

}  // namespace kotak::test
