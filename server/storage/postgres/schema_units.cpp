// The server database's version 13 in PostgreSQL's dialect, from issue 15
// item 2 and issue 14 item 3 (the list of versions is storage/schema.cpp;
// sqlite/schema_units.cpp has its twin): accounts of units, the
// facility's data-protection officer, and the unit's answer on a case.
#include "server/storage/postgres/schema_sql.hpp"

namespace kotak::server::pg_sql {

// Version 13:
// - users.role may be 'unit': an account of one unit of one facility
//   (users.unit, "" for every other role).
// - users.dpo: the facility's data-protection officer (1), who reviews the
//   identity views as the head does; never a unit's or an admin's account.
// - cases.forwarded_ms: when the case was last forwarded to a unit.
//   cases.unit_response, unit_response_ms, unit_response_by: the unit's own
//   answer to the complaint officer (its text, when, who), cleared by a new
//   forwarding. Cases forwarded before this version count from their last
//   change.
std::string_view v13() {
  return R"sql(
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('petugas', 'mutu', 'kepala', 'admin', 'unit'));
ALTER TABLE users ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN dpo INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD CONSTRAINT users_unit_check CHECK ((role = 'unit') = (unit <> ''));
ALTER TABLE users ADD CONSTRAINT users_dpo_check CHECK (dpo = 0 OR role IN ('petugas', 'mutu', 'kepala'));

ALTER TABLE cases ADD COLUMN forwarded_ms BIGINT;
ALTER TABLE cases ADD COLUMN unit_response TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN unit_response_ms BIGINT;
ALTER TABLE cases ADD COLUMN unit_response_by TEXT NOT NULL DEFAULT '';
UPDATE cases SET forwarded_ms = updated_ms WHERE forwarded_unit <> '';
CREATE INDEX cases_by_forwarded_unit ON cases (facility_id, forwarded_unit) WHERE forwarded_unit <> '';
)sql";
}

}  // namespace kotak::server::pg_sql
