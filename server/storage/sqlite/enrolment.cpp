// One-time enrolment codes (SqliteStorage; see storage.hpp and
// server/enrolment.hpp; the table is schema version 7, schema_enrolment.cpp).
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

void SqliteStorage::add_enrolment_code(const EnrolmentCode& code) {
  write("add an enrolment code", [&](sql::Database& db) {
    require_facility(db, code.facility_id);
    db.prepare(
          "INSERT INTO enrolment_codes (code_hash, facility_id, device_name, created_by, "
          "created_ms, expires_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, code.code_hash)
        .bind(2, code.facility_id)
        .bind(3, code.device_id.empty() ? std::optional<std::string>() : code.device_id)
        .bind(4, code.created_by)
        .bind(5, code.created_ms)
        .bind(6, code.expires_ms)
        .run();
  });
}

Enrolment SqliteStorage::redeem_enrolment_code(const std::string& code_hash,
                                               const std::string& wanted_name,
                                               const std::string& token_hash,
                                               std::int64_t now_ms) {
  Enrolment out;
  write("redeem an enrolment code", [&](sql::Database& db) {
    out = {};
    auto find = db.prepare(
        "SELECT facility_id, coalesce(device_name, ''), expires_ms, used_ms "
        "FROM enrolment_codes WHERE code_hash = ?1");
    find.bind(1, code_hash);
    if (!find.step()) return;
    std::string facility_id = find.text(0), named = find.text(1);
    if (auto refusal = enrolment_refusal(named, find.integer(2), find.optional_integer(3), wanted_name, now_ms)) {
      out = *refusal;
      return;
    }
    DeviceRef device{facility_id, named.empty() ? wanted_name : named};
    auto exists = db.prepare("SELECT 1 FROM devices WHERE facility_id = ?1 AND name = ?2");
    exists.bind(1, device.facility_id).bind(2, device.device_id);
    bool existing = exists.step();
    if (existing && named.empty()) {
      out = {EnrolmentOutcome::name_taken, device, std::nullopt};
      return;
    }
    if (existing) {
      // The kiosk that replaces it has its own bundle key to register.
      renew_token(db, device, token_hash, now_ms);
      db.prepare(
            "UPDATE devices SET public_key = NULL, key_set_ms = NULL WHERE facility_id = ?1 AND "
            "name = ?2")
          .bind(1, device.facility_id)
          .bind(2, device.device_id)
          .run();
    } else
      insert_device(db, device, token_hash, now_ms);
    db.prepare("UPDATE enrolment_codes SET used_ms = ?2, used_by_device = ?3 WHERE code_hash = ?1")
        .bind(1, code_hash)
        .bind(2, now_ms)
        .bind(3, device.device_id)
        .run();
    out = {existing ? EnrolmentOutcome::reenrolled : EnrolmentOutcome::enrolled, device,
           std::nullopt};
  });
  return out;
}

}  // namespace kotak::server
