// The facilities' QR token secrets (PgStorage; the twin of sqlite/phone.cpp).
#include "server/storage/postgres/pg_storage.hpp"

namespace kotak::server {

std::string PgStorage::phone_secret(const std::string& facility_id, const std::string& secret,
                                    std::int64_t now_ms) {
  std::string out;
  // Kiosks ask at every sync: read first, and write only the first time.
  read("read the facility's QR secret", [&](pq::Connection& db) {
    auto found = db.query("SELECT secret FROM phone_secrets WHERE facility_id = $1", pq::Params().add(facility_id));
    if (found.rows()) out = found.text(0, 0);
  });
  if (!out.empty()) return out;
  write("keep the facility's QR secret", [&](pq::Connection& db) {
    pg::require_facility(db, facility_id);
    // The first process to ask keeps its secret; the others read it.
    db.query("INSERT INTO phone_secrets (facility_id, secret, created_ms) VALUES ($1, $2, $3) "
             "ON CONFLICT (facility_id) DO NOTHING",
             pq::Params().add(facility_id).add(secret).add(now_ms));
    auto found = db.query("SELECT secret FROM phone_secrets WHERE facility_id = $1",
                          pq::Params().add(facility_id));
    if (found.rows()) out = found.text(0, 0);
  });
  return out;
}

}  // namespace kotak::server
