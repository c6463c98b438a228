// The facilities' QR token secrets (SqliteStorage; see storage.hpp).
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

std::string SqliteStorage::phone_secret(const std::string& facility_id, const std::string& secret,
                                        std::int64_t now_ms) {
  std::string out;
  // Kiosks ask at every sync: read first, and write only the first time.
  read("read the facility's QR secret", [&](core::sql::Database& db) {
    auto find = db.prepare("SELECT secret FROM phone_secrets WHERE facility_id = ?1");
    find.bind(1, facility_id);
    if (find.step()) out = find.text(0);
  });
  if (!out.empty()) return out;
  write("keep the facility's QR secret", [&](core::sql::Database& db) {
    require_facility(db, facility_id);
    // The first process to ask keeps its secret; the others read it.
    db.prepare("INSERT INTO phone_secrets (facility_id, secret, created_ms) VALUES (?1, ?2, ?3) "
               "ON CONFLICT (facility_id) DO NOTHING")
        .bind(1, facility_id)
        .bind(2, secret)
        .bind(3, now_ms)
        .run();
    auto find = db.prepare("SELECT secret FROM phone_secrets WHERE facility_id = ?1");
    find.bind(1, facility_id);
    if (find.step()) out = find.text(0);
  });
  return out;
}

}  // namespace kotak::server
