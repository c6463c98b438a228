// The bundle keys of devices (PgStorage; the twin of sqlite/device_keys.cpp).
#include "server/storage/postgres/pg_storage.hpp"

namespace kotak::server {

namespace {

// The device's key ("" when none), its row locked until the transaction
// ends, so two processes registering at once decide one after the other;
// not_found when there is no such device.
std::string current_key(pq::Connection& db, const DeviceRef& device) {
  auto found = db.query(
      "SELECT coalesce(public_key, '') FROM devices WHERE facility_id = $1 AND name = $2 FOR UPDATE",
      pq::Params().add(device.facility_id).add(device.device_id));
  if (found.rows() == 0)
    throw StorageError(StorageErrc::not_found, "there is no device '" + device.device_id +
                                                   "' of facility '" + device.facility_id + "'");
  return found.text(0, 0);
}

void store_key(pq::Connection& db, const DeviceRef& device, const std::string& public_key,
               std::int64_t now_ms) {
  db.query("UPDATE devices SET public_key = $3, key_set_ms = $4 WHERE facility_id = $1 AND name = $2",
           pq::Params()
               .add(device.facility_id)
               .add(device.device_id)
               .add(public_key.empty() ? std::optional<std::string>() : std::optional(public_key))
               .add(public_key.empty() ? std::optional<std::int64_t>() : std::optional(now_ms)));
}

}  // namespace

KeyRegistration PgStorage::register_device_key(const DeviceRef& device, const std::string& public_key,
                                               std::int64_t now_ms) {
  KeyRegistration outcome = KeyRegistration::registered;
  write("register a device's bundle key", [&](pq::Connection& db) {
    outcome = key_registration(current_key(db, device), public_key);
    if (outcome == KeyRegistration::registered) store_key(db, device, public_key, now_ms);
  });
  return outcome;
}

void PgStorage::set_device_key(const DeviceRef& device, const std::string& public_key,
                               std::int64_t now_ms) {
  write("set a device's bundle key", [&](pq::Connection& db) {
    current_key(db, device);
    store_key(db, device, public_key, now_ms);
  });
}

}  // namespace kotak::server
