// The reports part of SqliteStorage: the raw figures of a period (cases and
// faces: every submission that carries one, quick answers and the face given
// before a written comment, a corrected face once), grouped by local day. Computing from them is in
// server/reports, the same for every engine.
#include "server/storage/rows.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

using rows::kDayMs;
using rows::kSlackMs;

RecapData SqliteStorage::recap(const std::string& facility_id, std::int64_t first_day,
                               std::int64_t last_day) {
  RecapData data;
  std::int64_t from_ms = first_day * kDayMs - kSlackMs;
  std::int64_t to_ms = (last_day + 1) * kDayMs + kSlackMs;
  read("read the figures of a report", [&](sql::Database& db) {
    db.exec("BEGIN");
    try {
      auto cases = db.prepare(R"sql(
SELECT id, year, number, channel, type, unit, status, received_ms, utc_offset_min,
       first_answer_ms, identity_mode, content, forwarded_unit, forwarded_ms, unit_response_ms
FROM cases
WHERE (?1 = '' OR facility_id = ?1) AND received_ms >= ?2 AND received_ms < ?3
  AND (received_ms + utc_offset_min * 60000) / 86400000 BETWEEN ?4 AND ?5
ORDER BY received_ms, id)sql");
      cases.bind(1, facility_id).bind(2, from_ms).bind(3, to_ms).bind(4, first_day).bind(5, last_day);
      while (cases.step()) data.cases.push_back(rows::recap_case_from_row(cases));
      auto faces = db.prepare(R"sql(
SELECT (created_at_ms + utc_offset_min * 60000) / 86400000 AS day, unit, rating, count(*)
FROM submissions
WHERE (?1 = '' OR facility_id = ?1) AND kind IN ('rating', 'written') AND rating IS NOT NULL
  AND superseded_by IS NULL AND created_at_ms >= ?2 AND created_at_ms < ?3
  AND (created_at_ms + utc_offset_min * 60000) / 86400000 BETWEEN ?4 AND ?5
GROUP BY day, unit, rating ORDER BY day, unit, rating)sql");
      faces.bind(1, facility_id).bind(2, from_ms).bind(3, to_ms).bind(4, first_day).bind(5, last_day);
      while (faces.step())
        data.faces.push_back({faces.integer(0), faces.text(1), static_cast<int>(faces.integer(2)),
                              faces.integer(3)});
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  });
  return data;
}

}  // namespace kotak::server
