// The server database's version 5 in PostgreSQL's dialect: the twin of
// sqlite/schema_hardening.cpp, which says what each part is for.
#include "server/storage/postgres/schema_sql.hpp"

namespace kotak::server::pg_sql {

std::string_view v5() {
  return R"sql(
ALTER TABLE submissions ADD COLUMN claimed_created_at_ms BIGINT;
ALTER TABLE devices ADD COLUMN public_key TEXT;
ALTER TABLE devices ADD COLUMN key_set_ms BIGINT;

CREATE TABLE login_failures (
  account TEXT NOT NULL,
  address TEXT NOT NULL,
  at_ms BIGINT NOT NULL
);
CREATE INDEX login_failures_by_pair ON login_failures (account, address, at_ms);
CREATE INDEX login_failures_by_account ON login_failures (account, at_ms);
CREATE INDEX login_failures_by_time ON login_failures (at_ms);
)sql";
}

}  // namespace kotak::server::pg_sql
