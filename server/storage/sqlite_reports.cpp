// The reports part of SqliteStorage: the raw figures of a period (cases and
// faces: every submission that carries one, quick answers and the face given
// before a written comment, a corrected face once), grouped by local day. Computing from them is in
// server/reports, the same for every engine.
#include "server/storage/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

namespace {
// Any UTC offset is within 14 hours: the indexed time range is widened by
// that much and the local day is checked exactly.
constexpr std::int64_t kSlackMs = 15 * 3600000LL;
constexpr std::int64_t kDayMs = 86400000;
}  // namespace

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
       first_answer_ms, identity_mode, content
FROM cases
WHERE (?1 = '' OR facility_id = ?1) AND received_ms >= ?2 AND received_ms < ?3
  AND (received_ms + utc_offset_min * 60000) / 86400000 BETWEEN ?4 AND ?5
ORDER BY received_ms, id)sql");
      cases.bind(1, facility_id).bind(2, from_ms).bind(3, to_ms).bind(4, first_day).bind(5, last_day);
      while (cases.step()) {
        RecapCase c;
        c.id = cases.integer(0);
        c.label = reg::register_label(cases.integer(2), static_cast<int>(cases.integer(1)));
        c.channel = reg::parse_channel(cases.text(3)).value_or(reg::Channel::kiosk);
        c.type = core::parse_feedback_type(cases.text(4)).value_or(core::FeedbackType::keluhan);
        c.unit = cases.text(5);
        c.status = reg::parse_status(cases.text(6)).value_or(reg::Status::baru);
        c.received_ms = cases.integer(7);
        c.utc_offset_min = static_cast<int>(cases.integer(8));
        c.first_answer_ms = cases.optional_integer(9);
        c.rahasia = cases.text(10) == "rahasia";
        c.content = cases.text(11);
        data.cases.push_back(std::move(c));
      }
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
