// The server database's version 5 (see sqlite_schema.cpp for the rest):
// what holds the server up against hostile clients (issue 12).
#include "server/storage/sqlite_storage.hpp"

namespace kotak::server {

// Version 5:
// - devices.public_key: the Ed25519 key that signs a device's USB bundles
//   (base64), with when it was set.
// - submissions.claimed_created_at_ms: the kiosk's own created_at when its
//   clock was more than a day ahead of the server's (created_at_ms is then
//   the arrival time, by which reports count); shown on the case.
// - login_failures: failed staff log-ins by the account name as typed and
//   the client's address, so that the log-in limits hold across restarts
//   and are shared by every server process on the database.
std::string_view schema_v5() {
  return R"sql(
ALTER TABLE submissions ADD COLUMN claimed_created_at_ms INTEGER;
ALTER TABLE devices ADD COLUMN public_key TEXT;
ALTER TABLE devices ADD COLUMN key_set_ms INTEGER;

CREATE TABLE login_failures (
  account TEXT NOT NULL,
  address TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
CREATE INDEX login_failures_by_pair ON login_failures (account, address, at_ms);
CREATE INDEX login_failures_by_account ON login_failures (account, at_ms);
CREATE INDEX login_failures_by_time ON login_failures (at_ms);
)sql";
}

}  // namespace kotak::server
