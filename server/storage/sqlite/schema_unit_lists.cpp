// The server database's version 23 in SQLite's dialect, from issue 13 (the
// list of versions is storage/schema.cpp; postgres/schema_unit_lists.cpp has
// its twin).
#include "server/storage/schema_unit_lists.hpp"

namespace kotak::server::sqlite_sql {

// Version 23: the register filtered by a unit ("open + unit, by due")
// counted its cases by reading every open case of the facility, 30,000 of
// 100,000. This index holds a unit's cases by status and due time (the
// rowid is the case's id), so the count reads only the unit's entries;
// the cases forwarded to a unit come from cases_by_forwarded_unit. The
// PostgreSQL twin also gathers statistics for the monthly recap, which
// SQLite counts in one pass of its own and does not need.
std::string_view v23() {
  return R"sql(
CREATE INDEX cases_by_unit ON cases (facility_id, unit, status, due_ms);
)sql";
}

}  // namespace kotak::server::sqlite_sql
