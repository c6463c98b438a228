// The server database's steps for a district in SQLite's dialect, from
// version 9 (the list of versions is storage/schema.cpp; postgres/ has the
// same in PostgreSQL's).
#include "server/storage/sqlite/schema_sql.hpp"

namespace kotak::server::sqlite_sql {

// Version 9: several server processes. A staff action's request id (sent
// again by a browser that retries) is remembered with the case it made or
// changed, so a retry is answered instead of done twice; alarming cases are
// found by the time they were recorded, for dashboards that look back.
std::string_view v9() {
  return R"sql(
CREATE TABLE staff_requests (
  id TEXT PRIMARY KEY,
  user_id INTEGER,
  case_id INTEGER REFERENCES cases (id),
  done_ms INTEGER NOT NULL
);
CREATE INDEX staff_requests_by_time ON staff_requests (done_ms);
CREATE INDEX cases_alarming ON cases (recorded_ms) WHERE urgent = 1 OR rating = 1;
)sql";
}

}  // namespace kotak::server::sqlite_sql
