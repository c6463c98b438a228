// The server database's version 23 in PostgreSQL's dialect, from issue 13
// (the list of versions is storage/schema.cpp; sqlite/schema_unit_lists.cpp
// has its twin).
#include "server/storage/schema_unit_lists.hpp"

namespace kotak::server::pg_sql {

// Version 23. The register filtered by a unit counted its cases by reading
// every open case of the facility; cases_by_unit holds a unit's cases by
// status and due time, which the planner joins with cases_by_forwarded_unit
// (BitmapOr) and then reads only the unit's cases.
// The monthly recap picks a month's cases and answers by their local day,
// (time + utc_offset_min * 60000) / 86400000; without statistics on that
// expression the planner guessed 417 of a 200,000-case month and grouped by
// sorting four text columns instead of hashing, 3.5 times the CPU. ANALYZE
// fills the statistics now rather than at autovacuum's next visit.
std::string_view v23() {
  return R"sql(
CREATE INDEX cases_by_unit ON cases (facility_id, unit, status, due_ms);
CREATE STATISTICS cases_local_day ON ((received_ms + utc_offset_min * 60000) / 86400000) FROM cases;
CREATE STATISTICS submissions_local_day ON ((created_at_ms + utc_offset_min * 60000) / 86400000) FROM submissions;
ANALYZE cases;
ANALYZE submissions;
)sql";
}

}  // namespace kotak::server::pg_sql
