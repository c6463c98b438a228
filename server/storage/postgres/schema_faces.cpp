// The server database's version 6 in PostgreSQL's dialect: the twin of
// sqlite/schema_faces.cpp, which says what each part is for.
#include "server/storage/postgres/schema_sql.hpp"

namespace kotak::server::pg_sql {

std::string_view v6() {
  return R"sql(
ALTER TABLE submissions ADD COLUMN replaces TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN superseded_by TEXT;
CREATE INDEX submissions_by_replaces ON submissions (facility_id, device_id, replaces)
  WHERE replaces <> '';
CREATE INDEX cases_by_ticket_code ON cases (ticket) WHERE ticket <> '';
)sql";
}

}  // namespace kotak::server::pg_sql
