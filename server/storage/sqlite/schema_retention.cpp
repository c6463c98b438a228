// The server database's version 11 in sqlite's dialect, from issue 14
// item 4 (the list of versions is storage/schema.cpp; postgres/schema_retention.cpp
// has its twin): retention and the rights of the data subject.
#include "server/storage/sqlite/schema_sql.hpp"

namespace kotak::server::sqlite_sql {

// Version 11:
// - cases.closed_ms: when the case last became closed (selesai, bukan
//   wewenang, arsip), NULL while open; the retention period counts from it.
//   Cases closed before this version count from their last change.
// - cases.identity_erased_ms: when its contact details were erased (by
//   retention or on the person's request); NULL while they are kept.
// - subject_requests: every search, export and erasure for a data subject
//   (who, when, why, how many cases), the access review's second half.
std::string_view v11() {
  return R"sql(
ALTER TABLE cases ADD COLUMN closed_ms INTEGER;
ALTER TABLE cases ADD COLUMN identity_erased_ms INTEGER;
UPDATE cases SET closed_ms = updated_ms WHERE status IN ('selesai', 'bukan_wewenang', 'arsip');
CREATE INDEX cases_to_erase ON cases (closed_ms)
  WHERE closed_ms IS NOT NULL AND identity_erased_ms IS NULL;

CREATE TABLE subject_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  at_ms INTEGER NOT NULL,
  user_id INTEGER,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('search', 'export', 'erase')),
  reason TEXT NOT NULL,
  cases INTEGER NOT NULL
);
CREATE INDEX subject_requests_by_facility ON subject_requests (facility_id, at_ms);
)sql";
}

}  // namespace kotak::server::sqlite_sql
