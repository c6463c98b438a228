// See sqlite_storage.hpp: facilities, devices and their tokens (a token is
// kept as its hash; revoked tokens stay for the audit trail).
#include "server/storage/rows.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

namespace {

// last_seen_ms is written at most this often per device, so that reads
// (board, settings) do not each become a write.
constexpr std::int64_t kLastSeenResolutionMs = 60000;

void insert_token(sql::Database& db, const DeviceRef& device, const std::string& token_hash,
                  std::int64_t now_ms) {
  db.prepare(
        "INSERT INTO device_tokens (token_hash, facility_id, device_name, created_ms) "
        "VALUES (?1, ?2, ?3, ?4)")
      .bind(1, token_hash)
      .bind(2, device.facility_id)
      .bind(3, device.device_id)
      .bind(4, now_ms)
      .run();
}

// Ends every live token of the device; the rows stay for the audit trail.
void revoke_tokens(sql::Database& db, const DeviceRef& device, std::int64_t now_ms) {
  db.prepare(
        "UPDATE device_tokens SET revoked_ms = ?3 WHERE facility_id = ?1 AND "
        "device_name = ?2 AND revoked_ms IS NULL")
      .bind(1, device.facility_id)
      .bind(2, device.device_id)
      .bind(3, now_ms)
      .run();
}

}  // namespace

void require_facility(sql::Database& db, const std::string& facility_id) {
  auto find = db.prepare("SELECT 1 FROM facilities WHERE id = ?1");
  find.bind(1, facility_id);
  if (!find.step())
    throw StorageError(StorageErrc::not_found, "there is no facility '" + facility_id + "'");
}

void require_device(sql::Database& db, const DeviceRef& device) {
  auto find = db.prepare("SELECT 1 FROM devices WHERE facility_id = ?1 AND name = ?2");
  find.bind(1, device.facility_id).bind(2, device.device_id);
  if (!find.step())
    throw StorageError(StorageErrc::not_found, "there is no device '" + device.device_id +
                                                   "' in facility '" + device.facility_id + "'");
}

void SqliteStorage::add_facility(const Facility& facility) {
  write("add a facility", [&](sql::Database& db) {
    auto find = db.prepare("SELECT 1 FROM facilities WHERE id = ?1");
    find.bind(1, facility.id);
    if (find.step())
      throw StorageError(StorageErrc::exists, "facility '" + facility.id + "' exists already");
    db.prepare("INSERT INTO facilities (id, name, created_ms) VALUES (?1, ?2, ?3)")
        .bind(1, facility.id)
        .bind(2, facility.name)
        .bind(3, facility.created_ms)
        .run();
  });
}

std::vector<Facility> SqliteStorage::facilities() {
  std::vector<Facility> out;
  read("list facilities", [&](sql::Database& db) {
    auto list = db.prepare("SELECT id, name, created_ms FROM facilities ORDER BY id");
    while (list.step()) out.push_back({list.text(0), list.text(1), list.integer(2)});
  });
  return out;
}

std::optional<Facility> SqliteStorage::facility(const std::string& id) {
  std::optional<Facility> out;
  read("find a facility", [&](sql::Database& db) {
    auto find = db.prepare("SELECT id, name, created_ms FROM facilities WHERE id = ?1");
    find.bind(1, id);
    if (find.step()) out = Facility{find.text(0), find.text(1), find.integer(2)};
  });
  return out;
}

void insert_device(sql::Database& db, const DeviceRef& device, const std::string& token_hash,
                   std::int64_t now_ms) {
  require_facility(db, device.facility_id);
  auto find = db.prepare("SELECT 1 FROM devices WHERE facility_id = ?1 AND name = ?2");
  find.bind(1, device.facility_id).bind(2, device.device_id);
  if (find.step())
    throw StorageError(StorageErrc::exists, "device '" + device.device_id + "' of facility '" +
                                                device.facility_id + "' exists already");
  db.prepare("INSERT INTO devices (facility_id, name, created_ms) VALUES (?1, ?2, ?3)")
      .bind(1, device.facility_id)
      .bind(2, device.device_id)
      .bind(3, now_ms)
      .run();
  insert_token(db, device, token_hash, now_ms);
}

void renew_token(sql::Database& db, const DeviceRef& device, const std::string& token_hash,
                 std::int64_t now_ms) {
  require_device(db, device);
  revoke_tokens(db, device, now_ms);
  db.prepare("UPDATE devices SET revoked_ms = NULL WHERE facility_id = ?1 AND name = ?2")
      .bind(1, device.facility_id)
      .bind(2, device.device_id)
      .run();
  insert_token(db, device, token_hash, now_ms);
}

void SqliteStorage::add_device(const DeviceRef& device, const std::string& token_hash,
                               std::int64_t now_ms) {
  write("add a device", [&](sql::Database& db) { insert_device(db, device, token_hash, now_ms); });
}

void SqliteStorage::replace_token(const DeviceRef& device, const std::string& token_hash,
                                  std::int64_t now_ms) {
  write("issue a new device token",
        [&](sql::Database& db) { renew_token(db, device, token_hash, now_ms); });
}

void SqliteStorage::revoke_device(const DeviceRef& device, std::int64_t now_ms) {
  write("revoke a device", [&](sql::Database& db) {
    require_device(db, device);
    revoke_tokens(db, device, now_ms);
    db.prepare(
          "UPDATE devices SET revoked_ms = ?3 WHERE facility_id = ?1 AND name = ?2 AND "
          "revoked_ms IS NULL")
        .bind(1, device.facility_id)
        .bind(2, device.device_id)
        .bind(3, now_ms)
        .run();
  });
}

std::vector<Device> SqliteStorage::devices(const std::string& facility_id) {
  std::vector<Device> out;
  read("list devices", [&](sql::Database& db) {
    auto list = db.prepare(std::string(rows::kSelectDevices) +
                           "WHERE ?1 = '' OR d.facility_id = ?1 ORDER BY d.facility_id, d.name");
    list.bind(1, facility_id);
    while (list.step()) out.push_back(rows::device_from_row(list));
  });
  return out;
}

std::optional<Device> SqliteStorage::device(const DeviceRef& device) {
  std::optional<Device> out;
  read("find a device", [&](sql::Database& db) {
    auto find =
        db.prepare(std::string(rows::kSelectDevices) + "WHERE d.facility_id = ?1 AND d.name = ?2");
    find.bind(1, device.facility_id).bind(2, device.device_id);
    if (find.step()) out = rows::device_from_row(find);
  });
  return out;
}

std::optional<DeviceRef> SqliteStorage::authenticate(const std::string& token_hash,
                                                     std::int64_t now_ms) {
  std::optional<DeviceRef> out;
  bool stale = false;
  read("check a device token", [&](sql::Database& db) {
    auto find = db.prepare(R"sql(
SELECT t.facility_id, t.device_name, coalesce(d.last_seen_ms, 0)
FROM device_tokens t JOIN devices d ON d.facility_id = t.facility_id AND d.name = t.device_name
WHERE t.token_hash = ?1 AND t.revoked_ms IS NULL AND d.revoked_ms IS NULL)sql");
    find.bind(1, token_hash);
    if (!find.step()) return;
    out = DeviceRef{find.text(0), find.text(1)};
    stale = now_ms - find.integer(2) >= kLastSeenResolutionMs;
  });
  if (out && stale) {
    write("note when a device was seen", [&](sql::Database& db) {
      db.prepare("UPDATE devices SET last_seen_ms = ?3 WHERE facility_id = ?1 AND name = ?2")
          .bind(1, out->facility_id)
          .bind(2, out->device_id)
          .bind(3, now_ms)
          .run();
    });
  }
  return out;
}

}  // namespace kotak::server
