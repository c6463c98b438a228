// The server database's version 14 in PostgreSQL's dialect, from issue 15
// items 1 and 3 (the list of versions is storage/schema.cpp; sqlite/
// schema_owners.cpp has its twin): the owner of a case and reminders
// before it is late.
#include "server/storage/postgres/schema_sql.hpp"

namespace kotak::server::pg_sql {

// Version 14:
// - cases.owner_id: the staff account that works the case (a petugas, mutu
//   or kepala of its facility, checked by the storage when it is set);
//   NULL while nobody has taken it. The index serves "Kasus saya" and
//   "Belum ada pemilik".
// - users.email: where reminders reach an account ("" none).
// - case_reminders: each reminder of a case (unread, unanswered) claimed
//   once, when; reminder_digests: each head's digest of a facility's local
//   day. Their primary keys make a second claim of the same one fail, in
//   whichever process. The partial indexes find the cases a round looks at.
std::string_view v14() {
  return R"sql(
ALTER TABLE cases ADD COLUMN owner_id BIGINT REFERENCES users (id);
CREATE INDEX cases_by_owner ON cases (facility_id, owner_id);
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
CREATE TABLE case_reminders (
  case_id BIGINT NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL CHECK (kind IN ('unread', 'unanswered')),
  sent_ms BIGINT NOT NULL,
  PRIMARY KEY (case_id, kind)
);
CREATE TABLE reminder_digests (
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  day BIGINT NOT NULL,
  sent_ms BIGINT NOT NULL,
  PRIMARY KEY (facility_id, day)
);
CREATE INDEX cases_new_by_received ON cases (received_ms) WHERE status = 'baru';
CREATE INDEX cases_unanswered_by_due ON cases (due_ms)
  WHERE status IN ('baru', 'diverifikasi', 'diteruskan') AND first_answer_ms IS NULL;
)sql";
}

}  // namespace kotak::server::pg_sql
