// The server database's version 7 in PostgreSQL's dialect: the twin of
// sqlite/schema_enrolment.cpp (one-time enrolment codes).
#include "server/storage/postgres/schema_sql.hpp"

namespace kotak::server::pg_sql {

// Version 7: enrolment_codes. A code is kept after use (who used it, as
// which device) for the audit trail; only its SHA-256 is stored.
std::string_view v7() {
  return R"sql(
CREATE TABLE enrolment_codes (
  code_hash TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  device_name TEXT,
  created_by TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL,
  used_ms BIGINT,
  used_by_device TEXT
);
)sql";
}

}  // namespace kotak::server::pg_sql
