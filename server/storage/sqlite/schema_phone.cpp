// The server database's version 15 in SQLite's dialect, from issue 18 (the
// list of versions is storage/schema.cpp; postgres/schema_phone.cpp has its
// twin): answers sent from a patient's phone after scanning the kiosk's QR
// code, and the secret each facility's QR tokens are signed with.
#include "server/storage/sqlite/schema_sql.hpp"

namespace kotak::server::sqlite_sql {

// Version 15:
// - submissions.channel: NULL for an answer of a kiosk (every answer stored
//   before), 'ponsel' for one sent from the phone pages (/s/FACILITY). The
//   register's cases keep their own channel ('qr_ponsel'); the SKM report
//   reads this column to count answers by channel.
// - phone_secrets: the facility's secret for the QR token (HMAC of the
//   facility and the time window), made at the first need and handed to
//   the facility's kiosks with their settings. Never logged.
std::string_view v15() {
  return R"sql(
ALTER TABLE submissions ADD COLUMN channel TEXT CHECK (channel IN ('ponsel'));
CREATE TABLE phone_secrets (
  facility_id TEXT PRIMARY KEY REFERENCES facilities (id),
  secret TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);
)sql";
}

}  // namespace kotak::server::sqlite_sql
