// One-time enrolment codes (PgStorage; the twin of sqlite/enrolment.cpp,
// the table is schema version 7, schema_enrolment.cpp).
#include "server/storage/postgres/pg_storage.hpp"

namespace kotak::server {

void PgStorage::add_enrolment_code(const EnrolmentCode& code) {
  write("add an enrolment code", [&](pq::Connection& db) {
    pg::require_facility(db, code.facility_id);
    db.query(
        "INSERT INTO enrolment_codes (code_hash, facility_id, device_name, created_by, created_ms, "
        "expires_ms) VALUES ($1, $2, $3, $4, $5, $6)",
        pq::Params()
            .add(code.code_hash)
            .add(code.facility_id)
            .add(code.device_id.empty() ? std::optional<std::string>() : std::optional(code.device_id))
            .add(code.created_by)
            .add(code.created_ms)
            .add(code.expires_ms));
  });
}

Enrolment PgStorage::redeem_enrolment_code(const std::string& code_hash, const std::string& wanted_name,
                                           const std::string& token_hash, std::int64_t now_ms) {
  Enrolment out;
  write("redeem an enrolment code", [&](pq::Connection& db) {
    out = {};
    // The code's row stays locked until the end: a second kiosk with the
    // same code (another server process) waits and then finds it used.
    auto found = db.query(
        "SELECT facility_id, coalesce(device_name, ''), expires_ms, used_ms FROM enrolment_codes "
        "WHERE code_hash = $1 FOR UPDATE",
        pq::Params().add(code_hash));
    if (found.rows() == 0) return;
    std::string facility_id = found.text(0, 0), named = found.text(0, 1);
    if (auto refusal =
            enrolment_refusal(named, found.integer(0, 2), found.optional_integer(0, 3), wanted_name, now_ms)) {
      out = *refusal;
      return;
    }
    DeviceRef device{facility_id, named.empty() ? wanted_name : named};
    // Inserting first decides between two server processes at once.
    bool existing = !pg::insert_device(db, device, token_hash, now_ms);
    if (existing && named.empty()) {
      out = {EnrolmentOutcome::name_taken, device, std::nullopt};
      return;
    }
    if (existing) {
      // The code named this device: its token is replaced, and the kiosk
      // that replaces it has its own bundle key to register.
      pg::renew_token(db, device, token_hash, now_ms);
      db.query("UPDATE devices SET public_key = NULL, key_set_ms = NULL WHERE facility_id = $1 AND name = $2",
               pq::Params().add(device.facility_id).add(device.device_id));
    }
    db.query("UPDATE enrolment_codes SET used_ms = $2, used_by_device = $3 WHERE code_hash = $1",
             pq::Params().add(code_hash).add(now_ms).add(device.device_id));
    out = {existing ? EnrolmentOutcome::reenrolled : EnrolmentOutcome::enrolled, device, std::nullopt};
  });
  return out;
}

}  // namespace kotak::server
