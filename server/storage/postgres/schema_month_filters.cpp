// The server database's version 25 in PostgreSQL's dialect, from issue 13
// (the list of versions is storage/schema.cpp; sqlite/schema_month_filters.cpp
// has its twin).
#include "server/storage/schema_month_filters.hpp"

namespace kotak::server::pg_sql {

// Version 25: the received-time index includes each case's type and
// channel, so a count of a month's cases of one type can be answered from
// the index where the visibility map allows (as in SQLite, where it made
// the count four times faster).
std::string_view v25() {
  return R"sql(
DROP INDEX cases_by_facility_received;
CREATE INDEX cases_by_facility_received ON cases (facility_id, received_ms, id) INCLUDE (type, channel);
)sql";
}

}  // namespace kotak::server::pg_sql
