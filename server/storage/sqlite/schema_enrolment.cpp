// The server database's version 7 in SQLite's dialect, from issue 17 (the
// list of versions is storage/schema.cpp; postgres/schema_enrolment.cpp has
// its twin): one-time enrolment codes (enrolment.cpp).
#include "server/storage/sqlite/schema_sql.hpp"

namespace kotak::server::sqlite_sql {

// Version 7: enrolment_codes. A code is kept after use (who used it, as
// which device) for the audit trail; only its SHA-256 is stored.
std::string_view v7() {
  return R"sql(
CREATE TABLE enrolment_codes (
  code_hash TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  device_name TEXT,
  created_by TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  used_ms INTEGER,
  used_by_device TEXT
);
)sql";
}

}  // namespace kotak::server::sqlite_sql
