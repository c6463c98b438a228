// The server database's version 12 in SQLite's dialect, from issue 14
// item 6 (the list of versions is storage/schema.cpp; postgres/schema_accounts.cpp
// has its twin): a second factor, half-finished log-ins, one-time codes and
// the log of account changes.
#include "server/storage/sqlite/schema_sql.hpp"

namespace kotak::server::sqlite_sql {

// Version 12:
// - users.totp_secret: the base32 key of the user's second factor (TOTP,
//   RFC 6238), set once the user has entered a valid code; NULL: none.
//   users.totp_pending: the key offered at enrolment, not yet confirmed.
//   users.totp_last_step: the last 30-second step whose code was accepted;
//   a code of that step or an earlier one is refused (no replay).
// - login_challenges: a half-finished log-in (the password was right, the
//   second factor is still to come; or a one-time code was right and a new
//   password is still to be set). It grants nothing but that next step,
//   lives minutes, and only the SHA-256 of its token is kept.
// - one_time_codes: a first password or a password reset, made by an admin
//   or kepala for one user; single use, short-lived, only its hash kept.
// - staff_log: every change to an account (who, what, to whom, when),
//   without secrets.
std::string_view v12() {
  return R"sql(
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;

CREATE TABLE login_challenges (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('totp', 'password')),
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL
);
CREATE INDEX login_challenges_by_user ON login_challenges (user_id);
CREATE INDEX login_challenges_by_end ON login_challenges (expires_ms);

CREATE TABLE one_time_codes (
  code_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  created_by TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  used_ms INTEGER
);
CREATE INDEX one_time_codes_by_user ON one_time_codes (user_id);

CREATE TABLE staff_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms INTEGER NOT NULL,
  actor_id INTEGER,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  facility_id TEXT,
  detail TEXT NOT NULL
);
CREATE INDEX staff_log_by_facility ON staff_log (facility_id, id);
)sql";
}

}  // namespace kotak::server::sqlite_sql
