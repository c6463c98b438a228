// The server database's version 21 in SQLite's dialect, from issue 15 item
// 4 (the list of versions is storage/schema.cpp; postgres/schema_replies.cpp
// has its twin): the answer goes to the patient by email and SMS.
#include "server/storage/schema_replies.hpp"

namespace kotak::server::sqlite_sql {

// Version 21:
// - case_identities.email: a mail address staff record with a case from
//   another channel (reg::Contact::email), erased with the rest.
// - case_replies: one outgoing message per channel of an answer: where it
//   goes, what it says, its state (queued, sent, failed), attempts, the
//   last error, the gammu-smsd spool file, times and who asked. The
//   partial index is what the reply job reads each round.
std::string_view v21() {
  return R"sql(
ALTER TABLE case_identities ADD COLUMN email TEXT NOT NULL DEFAULT '';
CREATE TABLE case_replies (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  via TEXT NOT NULL CHECK (via IN ('smtp', 'gammu', 'gateway')),
  destination TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  answer TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  spool_name TEXT NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL,
  next_ms INTEGER NOT NULL,
  done_ms INTEGER,
  user_id INTEGER REFERENCES users (id),
  user_name TEXT NOT NULL
);
CREATE INDEX case_replies_by_case ON case_replies (case_id);
CREATE INDEX case_replies_due ON case_replies (next_ms) WHERE state = 'queued';
)sql";
}

}  // namespace kotak::server::sqlite_sql
