// The server database's version 10 in SQLite's dialect, from issue 17
// item 6 (the list of versions is storage/schema.cpp; postgres/schema_clock.cpp
// has its twin): kiosk clocks that were wrong.
#include "server/storage/sqlite/schema_sql.hpp"

namespace kotak::server::sqlite_sql {

// Version 10:
// - submissions.boot_id: the kiosk's boot when it saved the answer (NULL:
//   not said, as by every older kiosk).
// - submissions.clock: how far created_at_ms can be trusted. NULL: the
//   kiosk did not say (counted as before); 'synchronised': its clock was;
//   'corrected': it was not, and created_at_ms is its time plus the offset
//   kotak-sync measured in that boot (claimed_created_at_ms keeps the
//   kiosk's own); 'uncertain': it was not, and no offset is known (yet):
//   the register and reports show these with a marker.
// - device_clocks: the first offset (server time minus kiosk time) measured
//   in each boot of a device while its clock was not synchronised.
std::string_view v10() {
  return R"sql(
ALTER TABLE submissions ADD COLUMN boot_id TEXT;
ALTER TABLE submissions ADD COLUMN clock TEXT
  CHECK (clock IN ('synchronised', 'corrected', 'uncertain'));
CREATE INDEX submissions_uncertain_by_boot ON submissions (facility_id, device_id, boot_id)
  WHERE clock = 'uncertain';

CREATE TABLE device_clocks (
  facility_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  boot_id TEXT NOT NULL,
  offset_ms INTEGER NOT NULL,
  round_trip_ms INTEGER NOT NULL,
  measured_ms INTEGER NOT NULL,
  PRIMARY KEY (facility_id, device_id, boot_id)
);
CREATE INDEX device_clocks_by_time ON device_clocks (facility_id, device_id, measured_ms);
)sql";
}

}  // namespace kotak::server::sqlite_sql
