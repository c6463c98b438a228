// The server database's version 6, from issue 10 (see sqlite_schema.cpp for
// the rest): corrected faces, and a ticket found by its code.
#include "server/storage/sqlite_storage.hpp"

namespace kotak::server {

// Version 6: a kiosk stores a face at the tap and sends what the patient
// changed after it as a correction naming the tap (core/submission.hpp).
// Of one face answer (a device's tap and its corrections) only the highest
// revision is counted; the others keep their row, with superseded_by naming
// the one that counts, for the audit trail. NULL: counted. And the public
// ticket page finds a case by the code the kiosk printed (K7M-4FX-9AC) as
// well as by the UUID in its QR code, across facilities: an index for it.
std::string_view schema_v6() {
  return R"sql(
ALTER TABLE submissions ADD COLUMN replaces TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN superseded_by TEXT;
CREATE INDEX submissions_by_replaces ON submissions (facility_id, device_id, replaces)
  WHERE replaces <> '';
CREATE INDEX cases_by_ticket_code ON cases (ticket) WHERE ticket <> '';
)sql";
}

}  // namespace kotak::server
