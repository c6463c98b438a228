// The server database's version 16 in SQLite's dialect, from issue 11
// ("Voice complaints"; the list of versions is storage/schema.cpp;
// postgres/schema_voice.cpp has its twin): the recording of a spoken
// complaint.
#include "server/storage/sqlite/schema_sql.hpp"

namespace kotak::server::sqlite_sql {

// Version 16:
// - recordings: the Ogg/Opus a kiosk recorded with a written submission
//   (wire.hpp "audio"), one per submission, gone with it. Personal data:
//   retention and erasure delete it (storage/erasure.cpp).
std::string_view v16() {
  return R"sql(
CREATE TABLE recordings (
  submission_id TEXT PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
  ogg BLOB NOT NULL,
  duration_ms INTEGER NOT NULL CHECK (duration_ms > 0),
  bytes INTEGER NOT NULL
);
)sql";
}

}  // namespace kotak::server::sqlite_sql
