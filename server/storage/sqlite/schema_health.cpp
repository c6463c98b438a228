// The server database's version 19 in SQLite's dialect, from issue 15 items
// 5 and 12 (the list of versions is storage/schema.cpp;
// postgres/schema_health.cpp has its twin): kiosk health, and the tickets
// of a kiosk found without reading all its answers.
#include "server/storage/sqlite/schema_sql.hpp"

namespace kotak::server::sqlite_sql {

// Version 19:
// - device_health: the latest health report of each kiosk (one row per
//   device, replaced by each sync): queue, quarantined, version, disk free,
//   clock offset, and when its present silence was mailed to the petugas.
// - submissions_tickets_by_device: a kiosk's written answers with a ticket,
//   newest first, for the statuses sent back with the board.
std::string_view v19() {
  return R"sql(
CREATE TABLE device_health (
  facility_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  reported_ms INTEGER NOT NULL,
  queue INTEGER NOT NULL CHECK (queue >= 0),
  quarantined INTEGER NOT NULL CHECK (quarantined >= 0),
  version TEXT NOT NULL,
  disk_free_bytes INTEGER CHECK (disk_free_bytes >= 0),
  clock_offset_ms INTEGER,
  outage_mailed_ms INTEGER,
  PRIMARY KEY (facility_id, device_id),
  FOREIGN KEY (facility_id, device_id) REFERENCES devices (facility_id, name)
);
CREATE INDEX device_health_by_time ON device_health (reported_ms) WHERE outage_mailed_ms IS NULL;
CREATE INDEX submissions_tickets_by_device ON submissions (facility_id, device_id, seq)
  WHERE ticket <> '';
)sql";
}

}  // namespace kotak::server::sqlite_sql
