// The server database's version 16 in PostgreSQL's dialect, from issue 11
// ("Voice complaints"; the list of versions is storage/schema.cpp;
// sqlite/schema_voice.cpp has its twin): the recording of a spoken
// complaint.
#include "server/storage/postgres/schema_sql.hpp"

namespace kotak::server::pg_sql {

// Version 16: recordings, as in SQLite (bytea for the Ogg/Opus bytes).
std::string_view v16() {
  return R"sql(
CREATE TABLE recordings (
  submission_id TEXT PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
  ogg BYTEA NOT NULL,
  duration_ms INTEGER NOT NULL CHECK (duration_ms > 0),
  bytes INTEGER NOT NULL
);
)sql";
}

}  // namespace kotak::server::pg_sql
