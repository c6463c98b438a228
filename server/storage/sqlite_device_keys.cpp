// The bundle keys of devices (SqliteStorage; see storage.hpp).
#include "server/storage/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

namespace {

// The device's key ("" when none); not_found when there is no such device.
std::string current_key(sql::Database& db, const DeviceRef& device) {
  auto find = db.prepare(
      "SELECT coalesce(public_key, '') FROM devices WHERE facility_id = ?1 AND name = ?2");
  find.bind(1, device.facility_id).bind(2, device.device_id);
  if (!find.step())
    throw StorageError(StorageErrc::not_found, "there is no device '" + device.device_id +
                                                   "' of facility '" + device.facility_id + "'");
  return find.text(0);
}

void store_key(sql::Database& db, const DeviceRef& device, const std::string& public_key,
               std::int64_t now_ms) {
  db.prepare("UPDATE devices SET public_key = ?3, key_set_ms = ?4 WHERE facility_id = ?1 AND name = ?2")
      .bind(1, device.facility_id)
      .bind(2, device.device_id)
      .bind(3, public_key.empty() ? std::optional<std::string>() : std::optional(public_key))
      .bind(4, public_key.empty() ? std::optional<std::int64_t>() : std::optional(now_ms))
      .run();
}

}  // namespace

KeyRegistration SqliteStorage::register_device_key(const DeviceRef& device,
                                                   const std::string& public_key,
                                                   std::int64_t now_ms) {
  KeyRegistration outcome = KeyRegistration::registered;
  write("register a device's bundle key", [&](sql::Database& db) {
    auto current = current_key(db, device);
    if (current == public_key) {
      outcome = KeyRegistration::unchanged;
    } else if (!current.empty()) {
      outcome = KeyRegistration::other_key;
    } else {
      store_key(db, device, public_key, now_ms);
      outcome = KeyRegistration::registered;
    }
  });
  return outcome;
}

void SqliteStorage::set_device_key(const DeviceRef& device, const std::string& public_key,
                                   std::int64_t now_ms) {
  write("set a device's bundle key", [&](sql::Database& db) {
    current_key(db, device);
    store_key(db, device, public_key, now_ms);
  });
}

}  // namespace kotak::server
