// Kiosk health and a kiosk's tickets (PgStorage; the twin of
// sqlite/device_health.cpp; see storage.hpp and postgres/schema_health.cpp).
#include "server/storage/postgres/pg_storage.hpp"

namespace kotak::server {

namespace {

constexpr std::string_view kHealthColumns =
    "facility_id, device_id, reported_ms, queue, quarantined, version, disk_free_bytes, "
    "clock_offset_ms, outage_mailed_ms";

DeviceHealth health_from_row(const pq::Result& rows, int i) {
  DeviceHealth out;
  out.device = {rows.text(i, 0), rows.text(i, 1)};
  out.reported_ms = rows.integer(i, 2);
  out.queue = rows.integer(i, 3);
  out.quarantined = rows.integer(i, 4);
  out.version = rows.text(i, 5);
  out.disk_free_bytes = rows.optional_integer(i, 6);
  out.clock_offset_ms = rows.optional_integer(i, 7);
  out.outage_mailed_ms = rows.optional_integer(i, 8);
  return out;
}

std::vector<DeviceHealth> health_rows(const pq::Result& rows) {
  std::vector<DeviceHealth> out;
  for (int i = 0; i < rows.rows(); ++i) out.push_back(health_from_row(rows, i));
  return out;
}

}  // namespace

std::vector<core::TicketStatus> PgStorage::device_tickets(const DeviceRef& device,
                                                          std::size_t limit) {
  std::vector<core::TicketStatus> out;
  read("read a kiosk's tickets", [&](pq::Connection& db) {
    out.clear();
    auto rows = db.query(R"sql(
SELECT c.ticket, c.status, CASE WHEN c.published_ms IS NOT NULL THEN c.public_answer ELSE '' END,
       c.updated_ms
FROM submissions s JOIN cases c ON c.submission_id = s.id
WHERE s.facility_id = $1 AND s.device_id = $2 AND s.ticket <> '' AND c.ticket <> ''
ORDER BY s.seq DESC LIMIT $3)sql",
                         pq::Params()
                             .add(device.facility_id)
                             .add(device.device_id)
                             .add(static_cast<std::int64_t>(limit)));
    for (int i = 0; i < rows.rows(); ++i)
      out.push_back({rows.text(i, 0), rows.text(i, 1), rows.text(i, 2), rows.integer(i, 3)});
  });
  return out;
}

void PgStorage::record_device_health(const DeviceHealth& health) {
  write("record a kiosk's health", [&](pq::Connection& db) {
    auto found = db.query("SELECT 1 FROM devices WHERE facility_id = $1 AND name = $2",
                          pq::Params().add(health.device.facility_id).add(health.device.device_id));
    if (found.rows() == 0)
      throw StorageError(StorageErrc::not_found, std::string("there is no device '") + health.device.device_id +
                                                     "' in facility '" +
                                                     health.device.facility_id + "'");
    db.query(R"sql(
INSERT INTO device_health (facility_id, device_id, reported_ms, queue, quarantined, version,
                           disk_free_bytes, clock_offset_ms, outage_mailed_ms)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)
ON CONFLICT (facility_id, device_id) DO UPDATE SET
  reported_ms = $3, queue = $4, quarantined = $5, version = $6, disk_free_bytes = $7,
  clock_offset_ms = $8, outage_mailed_ms = NULL)sql",
             pq::Params()
                 .add(health.device.facility_id)
                 .add(health.device.device_id)
                 .add(health.reported_ms)
                 .add(health.queue)
                 .add(health.quarantined)
                 .add(health.version)
                 .add(health.disk_free_bytes)
                 .add(health.clock_offset_ms));
  });
}

std::vector<DeviceHealth> PgStorage::device_health(const std::string& facility_id) {
  std::vector<DeviceHealth> out;
  read("list the kiosks' health", [&](pq::Connection& db) {
    out = health_rows(db.query(std::string("SELECT ") + std::string(kHealthColumns) +
                                   " FROM device_health WHERE $1 = '' OR facility_id = $1 "
                                   "ORDER BY facility_id, device_id",
                               pq::Params().add(facility_id)));
  });
  return out;
}

std::vector<DeviceHealth> PgStorage::claim_kiosk_outages(std::int64_t silent_before_ms,
                                                         std::int64_t oldest_ms,
                                                         std::int64_t now_ms, std::size_t limit) {
  std::vector<DeviceHealth> out;
  write("claim the kiosks' silences", [&](pq::Connection& db) {
    // SKIP LOCKED: a second process passes over rows the first is claiming,
    // and the repeated IS NULL refuses one it claimed already.
    out = health_rows(db.query(std::string(R"sql(
UPDATE device_health SET outage_mailed_ms = $3
WHERE outage_mailed_ms IS NULL AND (facility_id, device_id) IN (
  SELECT h.facility_id, h.device_id FROM device_health h
  JOIN devices d ON d.facility_id = h.facility_id AND d.name = h.device_id
  WHERE h.outage_mailed_ms IS NULL AND h.reported_ms < $1 AND h.reported_ms >= $2
    AND d.revoked_ms IS NULL
  ORDER BY h.reported_ms LIMIT $4 FOR UPDATE OF h SKIP LOCKED)
RETURNING )sql") + std::string(kHealthColumns),
                               pq::Params()
                                   .add(silent_before_ms)
                                   .add(oldest_ms)
                                   .add(now_ms)
                                   .add(static_cast<std::int64_t>(limit))));
  });
  return out;
}

void PgStorage::release_kiosk_outage(const DeviceRef& device, std::int64_t claimed_ms) {
  write("release a kiosk's silence", [&](pq::Connection& db) {
    db.query("UPDATE device_health SET outage_mailed_ms = NULL WHERE facility_id = $1 AND "
             "device_id = $2 AND outage_mailed_ms = $3",
             pq::Params().add(device.facility_id).add(device.device_id).add(claimed_ms));
  });
}

}  // namespace kotak::server
