// The server database's version 13 in SQLite's dialect, from issue 15
// item 2 and issue 14 item 3 (the list of versions is storage/schema.cpp;
// postgres/schema_units.cpp has its twin): accounts of units, the
// facility's data-protection officer, and the unit's answer on a case.
#include "server/storage/sqlite/schema_sql.hpp"

namespace kotak::server::sqlite_sql {

// Version 13:
// - users.role may be 'unit': an account of one unit of one facility
//   (users.unit, "" for every other role). SQLite cannot change a CHECK in
//   place, so the table is made again with its rows and ids; the other
//   tables' references to it are checked at commit (defer_foreign_keys).
// - users.dpo: the facility's data-protection officer (1), who reviews the
//   identity views as the head does; never a unit's or an admin's account.
// - cases.forwarded_ms: when the case was last forwarded to a unit.
//   cases.unit_response, unit_response_ms, unit_response_by: the unit's own
//   answer to the complaint officer (its text, when, who), cleared by a new
//   forwarding. Cases forwarded before this version count from their last
//   change.
std::string_view v13() {
  return R"sql(
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE users_v12 AS SELECT * FROM users;
DROP TABLE users;
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  facility_id TEXT REFERENCES facilities (id),
  role TEXT NOT NULL CHECK (role IN ('petugas', 'mutu', 'kepala', 'admin', 'unit')),
  password_hash TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  disabled_ms INTEGER,
  totp_secret TEXT,
  totp_pending TEXT,
  totp_last_step INTEGER,
  unit TEXT NOT NULL DEFAULT '',
  dpo INTEGER NOT NULL DEFAULT 0,
  CHECK ((role = 'admin') = (facility_id IS NULL)),
  CHECK ((role = 'unit') = (unit <> '')),
  CHECK (dpo = 0 OR role IN ('petugas', 'mutu', 'kepala'))
);
INSERT INTO users (id, username, display_name, facility_id, role, password_hash, created_ms,
                   disabled_ms, totp_secret, totp_pending, totp_last_step)
SELECT id, username, display_name, facility_id, role, password_hash, created_ms,
       disabled_ms, totp_secret, totp_pending, totp_last_step FROM users_v12;
DROP TABLE users_v12;

ALTER TABLE cases ADD COLUMN forwarded_ms INTEGER;
ALTER TABLE cases ADD COLUMN unit_response TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN unit_response_ms INTEGER;
ALTER TABLE cases ADD COLUMN unit_response_by TEXT NOT NULL DEFAULT '';
UPDATE cases SET forwarded_ms = updated_ms WHERE forwarded_unit <> '';
CREATE INDEX cases_by_forwarded_unit ON cases (facility_id, forwarded_unit) WHERE forwarded_unit <> '';
)sql";
}

}  // namespace kotak::server::sqlite_sql
