// The server database's steps for a district in PostgreSQL's dialect, from
// version 9 (the twins of sqlite/schema_district.cpp).
#include "server/storage/postgres/schema_sql.hpp"

namespace kotak::server::pg_sql {

std::string_view v9() {
  return R"sql(
CREATE TABLE staff_requests (
  id TEXT PRIMARY KEY,
  user_id BIGINT,
  case_id BIGINT REFERENCES cases (id),
  done_ms BIGINT NOT NULL
);
CREATE INDEX staff_requests_by_time ON staff_requests (done_ms);
CREATE INDEX cases_alarming ON cases (recorded_ms) WHERE urgent = 1 OR rating = 1;
)sql";
}

}  // namespace kotak::server::pg_sql
