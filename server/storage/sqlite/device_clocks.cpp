// Device clocks (SqliteStorage; see storage.hpp and sqlite/schema_clock.cpp):
// the offset of each boot of a device whose clock was not synchronised, and
// the correction of that boot's answers once it is known.
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

namespace {

// The kiosk's own time of an uncertain answer is claimed_created_at_ms when
// the server had put its arrival in created_at_ms (a clock far ahead), else
// created_at_ms. Corrected, it is never later than its arrival.
constexpr std::string_view kCorrectedTime =
    "min(coalesce(s.claimed_created_at_ms, s.created_at_ms) + ?4, s.received_ms)";

std::optional<std::int64_t> stored_offset(sql::Database& db, const DeviceRef& device,
                                          const std::string& boot_id) {
  auto find = db.prepare(
      "SELECT offset_ms FROM device_clocks WHERE facility_id = ?1 AND device_id = ?2 AND "
      "boot_id = ?3");
  find.bind(1, device.facility_id).bind(2, device.device_id).bind(3, boot_id);
  if (!find.step()) return std::nullopt;
  return find.integer(0);
}

// Moves the boot's uncertain answers, and their cases first (while the
// answers still say uncertain), to the kiosk's time plus the offset.
std::int64_t correct_boot(sql::Database& db, const DeviceRef& device, const std::string& boot_id,
                          std::int64_t offset_ms) {
  auto run = [&](const std::string& text) {
    db.prepare(text)
        .bind(1, device.facility_id)
        .bind(2, device.device_id)
        .bind(3, boot_id)
        .bind(4, offset_ms)
        .run();
  };
  const std::string corrected(kCorrectedTime);
  const std::string of_boot =
      "s.facility_id = ?1 AND s.device_id = ?2 AND s.boot_id = ?3 AND s.clock = 'uncertain'";
  run("UPDATE cases SET due_ms = due_ms - received_ms + t.corrected, received_ms = t.corrected "
      "FROM (SELECT s.id AS id, " + corrected + " AS corrected FROM submissions s WHERE " +
      of_boot + ") AS t WHERE cases.submission_id = t.id");
  run("UPDATE submissions AS s SET created_at_ms = " + corrected +
      ", claimed_created_at_ms = coalesce(s.claimed_created_at_ms, s.created_at_ms), "
      "clock = 'corrected' WHERE " + of_boot);
  return db.changes();
}

}  // namespace

std::optional<std::int64_t> SqliteStorage::clock_offset(const DeviceRef& device,
                                                        const std::string& boot_id) {
  std::optional<std::int64_t> offset;
  read("read a device's clock offset",
       [&](sql::Database& db) { offset = stored_offset(db, device, boot_id); });
  return offset;
}

ClockRecord SqliteStorage::record_clock_offset(const DeviceRef& device, const ClockOffset& offset) {
  ClockRecord record;
  write("record a device's clock offset", [&](sql::Database& db) {
    require_device(db, device);
    record = {};
    auto kept = stored_offset(db, device, offset.boot_id);
    if (!kept) {
      db.prepare("INSERT INTO device_clocks (facility_id, device_id, boot_id, offset_ms, "
                 "round_trip_ms, measured_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
          .bind(1, device.facility_id)
          .bind(2, device.device_id)
          .bind(3, offset.boot_id)
          .bind(4, offset.offset_ms)
          .bind(5, offset.round_trip_ms)
          .bind(6, offset.measured_ms)
          .run();
      db.prepare(R"sql(
DELETE FROM device_clocks WHERE facility_id = ?1 AND device_id = ?2 AND boot_id NOT IN (
  SELECT boot_id FROM device_clocks WHERE facility_id = ?1 AND device_id = ?2
  ORDER BY measured_ms DESC LIMIT ?3))sql")
          .bind(1, device.facility_id)
          .bind(2, device.device_id)
          .bind(3, kMaxBootsPerDevice)
          .run();
      record.recorded = true;
    }
    record.offset_ms = kept.value_or(offset.offset_ms);
    // Also with a kept offset: answers that arrived while it was being
    // recorded (ingest read no offset yet) are corrected now.
    record.corrected = correct_boot(db, device, offset.boot_id, record.offset_ms);
  });
  return record;
}

}  // namespace kotak::server
