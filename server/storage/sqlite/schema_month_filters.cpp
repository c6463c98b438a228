// The server database's version 25 in SQLite's dialect, from issue 13 (the
// list of versions is storage/schema.cpp; postgres/schema_month_filters.cpp
// has its twin).
#include "server/storage/schema_month_filters.hpp"

namespace kotak::server::sqlite_sql {

// Version 25: the register filtered by a month and a type (or a channel)
// counted its cases, up to the cap of 10,000, by reading the month from
// the received-time index and each case's type from the table: 40,000
// lookups in a district of a million cases, 21 ms of the call's 52. The
// index now holds the type and the channel after the id, so it keeps the
// order (received time, id) of the pages and the count reads the index
// alone (2-9 ms).
std::string_view v25() {
  return R"sql(
DROP INDEX cases_by_facility_received;
CREATE INDEX cases_by_facility_received ON cases (facility_id, received_ms, id, type, channel);
)sql";
}

}  // namespace kotak::server::sqlite_sql
