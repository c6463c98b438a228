// Kiosk health and a kiosk's tickets (SqliteStorage; see storage.hpp and
// sqlite/schema_health.cpp; postgres/device_health.cpp is its twin).
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

namespace {

constexpr std::string_view kHealthColumns =
    "facility_id, device_id, reported_ms, queue, quarantined, version, disk_free_bytes, "
    "clock_offset_ms, outage_mailed_ms";

DeviceHealth health_from_row(sql::Statement& row) {
  DeviceHealth out;
  out.device = {row.text(0), row.text(1)};
  out.reported_ms = row.integer(2);
  out.queue = row.integer(3);
  out.quarantined = row.integer(4);
  out.version = row.text(5);
  out.disk_free_bytes = row.optional_integer(6);
  out.clock_offset_ms = row.optional_integer(7);
  out.outage_mailed_ms = row.optional_integer(8);
  return out;
}

}  // namespace

std::vector<core::TicketStatus> SqliteStorage::device_tickets(const DeviceRef& device,
                                                              std::size_t limit) {
  std::vector<core::TicketStatus> out;
  read("read a kiosk's tickets", [&](sql::Database& db) {
    auto list = db.prepare(R"sql(
SELECT c.ticket, c.status, CASE WHEN c.published_ms IS NOT NULL THEN c.public_answer ELSE '' END,
       c.updated_ms
FROM submissions s JOIN cases c ON c.submission_id = s.id
WHERE s.facility_id = ?1 AND s.device_id = ?2 AND s.ticket <> '' AND c.ticket <> ''
ORDER BY s.seq DESC LIMIT ?3)sql");
    list.bind(1, device.facility_id)
        .bind(2, device.device_id)
        .bind(3, static_cast<std::int64_t>(limit));
    while (list.step())
      out.push_back({list.text(0), list.text(1), list.text(2), list.integer(3)});
  });
  return out;
}

void SqliteStorage::record_device_health(const DeviceHealth& health) {
  write("record a kiosk's health", [&](sql::Database& db) {
    require_device(db, health.device);
    db.prepare(R"sql(
INSERT INTO device_health (facility_id, device_id, reported_ms, queue, quarantined, version,
                           disk_free_bytes, clock_offset_ms, outage_mailed_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL)
ON CONFLICT (facility_id, device_id) DO UPDATE SET
  reported_ms = ?3, queue = ?4, quarantined = ?5, version = ?6, disk_free_bytes = ?7,
  clock_offset_ms = ?8, outage_mailed_ms = NULL)sql")
        .bind(1, health.device.facility_id)
        .bind(2, health.device.device_id)
        .bind(3, health.reported_ms)
        .bind(4, health.queue)
        .bind(5, health.quarantined)
        .bind(6, health.version)
        .bind(7, health.disk_free_bytes)
        .bind(8, health.clock_offset_ms)
        .run();
  });
}

std::vector<DeviceHealth> SqliteStorage::device_health(const std::string& facility_id) {
  std::vector<DeviceHealth> out;
  read("list the kiosks' health", [&](sql::Database& db) {
    auto list = db.prepare(std::string("SELECT ") + std::string(kHealthColumns) +
                           " FROM device_health WHERE ?1 = '' OR facility_id = ?1 "
                           "ORDER BY facility_id, device_id");
    list.bind(1, facility_id);
    while (list.step()) out.push_back(health_from_row(list));
  });
  return out;
}

std::vector<DeviceHealth> SqliteStorage::claim_kiosk_outages(std::int64_t silent_before_ms,
                                                             std::int64_t oldest_ms,
                                                             std::int64_t now_ms,
                                                             std::size_t limit) {
  std::vector<DeviceHealth> out;
  write("claim the kiosks' silences", [&](sql::Database& db) {
    out.clear();
    auto claim = db.prepare(std::string(R"sql(
UPDATE device_health SET outage_mailed_ms = ?3
WHERE rowid IN (
  SELECT h.rowid FROM device_health h
  JOIN devices d ON d.facility_id = h.facility_id AND d.name = h.device_id
  WHERE h.outage_mailed_ms IS NULL AND h.reported_ms < ?1 AND h.reported_ms >= ?2
    AND d.revoked_ms IS NULL
  ORDER BY h.reported_ms LIMIT ?4)
RETURNING )sql") + std::string(kHealthColumns));
    claim.bind(1, silent_before_ms)
        .bind(2, oldest_ms)
        .bind(3, now_ms)
        .bind(4, static_cast<std::int64_t>(limit));
    while (claim.step()) out.push_back(health_from_row(claim));
  });
  return out;
}

void SqliteStorage::release_kiosk_outage(const DeviceRef& device, std::int64_t claimed_ms) {
  write("release a kiosk's silence", [&](sql::Database& db) {
    db.prepare("UPDATE device_health SET outage_mailed_ms = NULL WHERE facility_id = ?1 AND "
               "device_id = ?2 AND outage_mailed_ms = ?3")
        .bind(1, device.facility_id)
        .bind(2, device.device_id)
        .bind(3, claimed_ms)
        .run();
  });
}

}  // namespace kotak::server
