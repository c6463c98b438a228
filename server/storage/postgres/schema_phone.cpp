// The server database's version 15 in PostgreSQL's dialect, from issue 18
// (the list of versions is storage/schema.cpp; sqlite/schema_phone.cpp has
// its twin): answers sent from a patient's phone after scanning the kiosk's
// QR code, and the secret each facility's QR tokens are signed with.
#include "server/storage/postgres/schema_sql.hpp"

namespace kotak::server::pg_sql {

// Version 15:
// - submissions.channel: NULL for an answer of a kiosk (every answer stored
//   before), 'ponsel' for one sent from the phone pages (/s/FACILITY).
// - phone_secrets: the facility's secret for the QR token, made at the
//   first need and handed to the facility's kiosks with their settings.
std::string_view v15() {
  return R"sql(
ALTER TABLE submissions ADD COLUMN channel TEXT CHECK (channel IN ('ponsel'));
CREATE TABLE phone_secrets (
  facility_id TEXT PRIMARY KEY REFERENCES facilities (id),
  secret TEXT NOT NULL,
  created_ms BIGINT NOT NULL
);
)sql";
}

}  // namespace kotak::server::pg_sql
