// Device clocks (PgStorage; the twin of sqlite/device_clocks.cpp): the
// offset of each boot of a device whose clock was not synchronised, and the
// correction of that boot's answers once it is known.
#include "server/storage/postgres/pg_storage.hpp"

namespace kotak::server {

namespace {

// As in SQLite: the kiosk's own time plus the offset, never later than the
// answer's arrival ($4 is the offset).
constexpr std::string_view kCorrectedTime =
    "LEAST(coalesce(s.claimed_created_at_ms, s.created_at_ms) + $4, s.received_ms)";
constexpr std::string_view kOfBoot =
    "s.facility_id = $1 AND s.device_id = $2 AND s.boot_id = $3 AND s.clock = 'uncertain'";

std::optional<std::int64_t> stored_offset(pq::Connection& db, const DeviceRef& device,
                                          const std::string& boot_id) {
  auto found = db.query(
      "SELECT offset_ms FROM device_clocks WHERE facility_id = $1 AND device_id = $2 AND "
      "boot_id = $3",
      pq::Params().add(device.facility_id).add(device.device_id).add(boot_id));
  if (found.rows() == 0) return std::nullopt;
  return found.integer(0, 0);
}

// Moves the boot's uncertain answers, and their cases first (while the
// answers still say uncertain), to the kiosk's time plus the offset.
std::int64_t correct_boot(pq::Connection& db, const DeviceRef& device, const std::string& boot_id,
                          std::int64_t offset_ms) {
  auto params = [&] {
    return pq::Params().add(device.facility_id).add(device.device_id).add(boot_id).add(offset_ms);
  };
  const std::string corrected(kCorrectedTime), of_boot(kOfBoot);
  db.query("UPDATE cases SET due_ms = due_ms - received_ms + t.corrected, received_ms = t.corrected "
           "FROM (SELECT s.id AS id, " + corrected + " AS corrected FROM submissions s WHERE " +
               of_boot + ") AS t WHERE cases.submission_id = t.id",
           params());
  auto moved = db.query("UPDATE submissions AS s SET created_at_ms = " + corrected +
                            ", claimed_created_at_ms = coalesce(s.claimed_created_at_ms, "
                            "s.created_at_ms), clock = 'corrected' WHERE " + of_boot,
                        params());
  return moved.affected();
}

}  // namespace

std::optional<std::int64_t> PgStorage::clock_offset(const DeviceRef& device,
                                                    const std::string& boot_id) {
  std::optional<std::int64_t> offset;
  read("read a device's clock offset",
       [&](pq::Connection& db) { offset = stored_offset(db, device, boot_id); });
  return offset;
}

ClockRecord PgStorage::record_clock_offset(const DeviceRef& device, const ClockOffset& offset) {
  ClockRecord record;
  write("record a device's clock offset", [&](pq::Connection& db) {
    // The device's row locked: processes recording its clocks take turns.
    auto found = db.query("SELECT 1 FROM devices WHERE facility_id = $1 AND name = $2 FOR UPDATE",
                          pq::Params().add(device.facility_id).add(device.device_id));
    if (found.rows() == 0)
      throw StorageError(StorageErrc::not_found, "there is no device '" + device.device_id +
                                                     "' in facility '" + device.facility_id + "'");
    record = {};
    auto kept = stored_offset(db, device, offset.boot_id);
    if (!kept) {
      db.query("INSERT INTO device_clocks (facility_id, device_id, boot_id, offset_ms, "
               "round_trip_ms, measured_ms) VALUES ($1, $2, $3, $4, $5, $6)",
               pq::Params()
                   .add(device.facility_id)
                   .add(device.device_id)
                   .add(offset.boot_id)
                   .add(offset.offset_ms)
                   .add(offset.round_trip_ms)
                   .add(offset.measured_ms));
      db.query(R"sql(
DELETE FROM device_clocks WHERE facility_id = $1 AND device_id = $2 AND boot_id NOT IN (
  SELECT boot_id FROM device_clocks WHERE facility_id = $1 AND device_id = $2
  ORDER BY measured_ms DESC LIMIT $3))sql",
               pq::Params().add(device.facility_id).add(device.device_id).add(kMaxBootsPerDevice));
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
